// Reads a JSON array of SSML strings on stdin; writes a JSON array with, for each, the
// problems ssml-check-core finds against Amazon's rules ([] when it is clean).
const { check } = require("ssml-check-core");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const documents = JSON.parse(input);
  const results = [];
  for (const ssml of documents) {
    results.push((await check(ssml, { platform: "amazon" })) || []);
  }
  process.stdout.write(JSON.stringify(results));
});
