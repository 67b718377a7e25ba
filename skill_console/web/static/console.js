// The browser console: talks to this app's JSON API, which uses the same Console as the CLI.
// Every piece of content is set with textContent, never as HTML.
"use strict";

const view = {
  session: null,
  turns: [],
  selected: -1,
};

const $ = (id) => document.getElementById(id);

function setStatus(text) {
  $("status").textContent = text;
}

async function postJson(url, body) {
  const answer = await fetch(url, {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body),
  });
  const data = await answer.json();
  if (!answer.ok) {
    throw new Error(data.error || `HTTP ${answer.status}`);
  }
  return data;
}

async function loadLocales() {
  const answer = await fetch("/api/locales");
  const data = await answer.json();
  const select = $("locale");
  for (const locale of data.locales) {
    const option = document.createElement("option");
    option.value = locale;
    option.textContent = locale;
    option.selected = locale === data.default;
    select.appendChild(option);
  }
}

async function openSession() {
  const data = await postJson("/api/sessions", {
    locale: $("locale").value,
    screen: $("device").value === "screen",
  });
  view.session = data.id;
  view.turns = [];
  view.selected = -1;
  $("log").replaceChildren();
  showTurn(null);
  setStatus(`New session: ${data.locale}, ${data.screen ? "Echo Show (screen)" : "Echo (no screen)"}.`);
  $("utterance").focus();
}

function bubble(role, text, index) {
  const item = document.createElement("li");
  item.className = `bubble ${role}`;
  if (role === "alexa") {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "select";
    button.textContent = text;
    button.setAttribute("aria-label", `Alexa: ${text}. Show details`);
    button.addEventListener("click", () => showTurn(index));
    item.appendChild(button);
    if ("speechSynthesis" in window && text) {
      const play = document.createElement("button");
      play.type = "button";
      play.className = "play";
      play.textContent = "Play";
      play.setAttribute("aria-label", "Play this answer aloud");
      play.addEventListener("click", () => speak(text));
      item.appendChild(play);
    }
  } else {
    item.textContent = text;
  }
  $("log").appendChild(item);
  item.scrollIntoView({block: "nearest"});
}

function speak(text) {
  if (!("speechSynthesis" in window) || !text) {
    return;
  }
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = $("locale").value;
  window.speechSynthesis.speak(utterance);
}

async function send(text) {
  await exchange(text, "turns", {utterance: text});
}

// A tap on the screen preview sends what the APL document's SendEvent would: the item's
// topic id, or "offer" for the "yes" button. The server wraps it in a real
// Alexa.Presentation.APL.UserEvent envelope and runs the skill's lambda_handler with it.
async function tap(args, label) {
  await exchange(`(taps "${label}")`, "touches", {arguments: args, label: `"${label}"`});
}

async function exchange(shown, route, body) {
  if (!view.session) {
    await openSession();
  }
  bubble("user", shown);
  let turn;
  try {
    turn = await postJson(`/api/sessions/${view.session}/${route}`, body);
  } catch (error) {
    setStatus(`Could not send: ${error.message}`);
    return;
  }
  view.turns.push(turn);
  const index = view.turns.length - 1;
  const said = turn.text || "(Alexa says nothing: the session ended)";
  bubble("alexa", said, index);
  showTurn(index);
  setStatus(turn.end_session ? "The session ended; what you say next opens a new one." : "");
  if ($("read-aloud").checked) {
    speak(turn.text);
  }
}

// APL text shows entities as characters; the preview does the same.
function aplText(value) {
  return String(value || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function placeholder(box, text) {
  const note = document.createElement("p");
  note.className = "muted";
  note.textContent = text;
  box.appendChild(note);
}

function showCard(card) {
  const box = $("card");
  box.replaceChildren();
  if (!card) {
    placeholder(box, "No card.");
    return;
  }
  const title = document.createElement("h4");
  title.textContent = card.title || "";
  const text = document.createElement("p");
  text.className = "card-text";
  text.textContent = card.text || "";
  box.append(title, text);
}

// A button on the screen preview: what the document's TouchWrapper is. Only the latest
// answer's screen is on the device, so only it can be tapped.
function tapButton(className, label, args, live) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = className;
  button.textContent = label;
  button.dataset.arguments = JSON.stringify(args);
  button.disabled = !live;
  button.setAttribute("aria-label", live ? `Tap "${label}" on the screen`
    : `"${label}" (only the latest screen can be tapped)`);
  button.addEventListener("click", () => tap(args, label));
  return button;
}

function showScreen(screen, live) {
  const box = $("screen");
  box.replaceChildren();
  if (!screen) {
    placeholder(box, $("device").value === "screen"
      ? "No screen for this answer." : "This device has no screen.");
    return;
  }
  const title = document.createElement("h4");
  title.className = "screen-title";
  title.textContent = aplText(screen.title);
  const list = document.createElement("ul");
  list.className = "screen-points";
  for (const point of screen.points || []) {
    const item = document.createElement("li");
    if (point.topic) {
      item.appendChild(tapButton("screen-tap", aplText(point.text), [point.topic], live));
    } else {
      item.textContent = aplText(point.text);
    }
    list.appendChild(item);
  }
  box.append(title, list);
  if (screen.offer) {
    box.appendChild(tapButton("screen-offer", aplText(screen.offer), ["offer"], live));
  }
  if (screen.hint) {
    const hint = document.createElement("p");
    hint.className = "screen-hint";
    hint.textContent = aplText(screen.hint);
    box.appendChild(hint);
  }
  if (screen.footer) {
    const footer = document.createElement("p");
    footer.className = "screen-footer";
    footer.textContent = aplText(screen.footer);
    box.appendChild(footer);
  }
}

function showTurn(index) {
  view.selected = index === null ? -1 : index;
  const turn = index === null ? null : view.turns[index];
  for (const [position, button] of document.querySelectorAll("#log .select").entries()) {
    button.setAttribute("aria-pressed", String(position === index));
  }
  $("turn-label").textContent = turn ? `(turn ${index + 1})` : "";
  $("speech").textContent = turn ? (turn.text || "(no speech)") : "Nothing yet.";
  $("intent").textContent = turn
    ? `${turn.intent || turn.request_type} · ${turn.match}` +
      (turn.end_session ? " · session ended" : "") : "";
  showCard(turn && turn.card);
  showScreen(turn && turn.screen, turn !== null && index === view.turns.length - 1);
  $("attributes").textContent = JSON.stringify(turn ? turn.session_attributes : {}, null, 2);
  $("request-json").textContent = turn ? JSON.stringify(turn.request_envelope, null, 2) : "";
  $("response-json").textContent = turn ? JSON.stringify(turn.response_envelope, null, 2) : "";
}

function start() {
  if (!("speechSynthesis" in window)) {
    $("voice-controls").hidden = true;
  }
  $("say").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("utterance");
    const text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = "";
    send(text);
  });
  $("new-session").addEventListener("click", () => openSession());
  $("locale").addEventListener("change", () => openSession());
  $("device").addEventListener("change", () => openSession());
  loadLocales().then(openSession).catch((error) => setStatus(`Could not start: ${error.message}`));
}

document.addEventListener("DOMContentLoaded", start);
