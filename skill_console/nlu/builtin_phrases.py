"""Common phrases of Alexa's standard built-in intents (from Amazon's built-in intent list).

Alexa brings these with the built-in intents; the interaction model declares the intents
and may extend them, but does not list these phrases itself.
"""

BUILT_IN_PHRASES = {
    "AMAZON.HelpIntent": ["help", "help me", "can you help me", "what can i say",
                          "what can i ask", "what can you do", "i need help"],
    "AMAZON.StopIntent": ["stop", "off", "shut up", "stop it", "be quiet"],
    "AMAZON.CancelIntent": ["cancel", "never mind", "forget it"],
    "AMAZON.YesIntent": ["yes", "yeah", "yep", "sure", "yes please", "okay", "ok",
                         "of course", "please do", "go ahead"],
    "AMAZON.NoIntent": ["no", "nope", "no thanks", "no thank you", "not now"],
    "AMAZON.RepeatIntent": ["repeat", "repeat that", "say that again", "again",
                            "what did you say", "pardon", "come again"],
    "AMAZON.MoreIntent": ["more"],
    "AMAZON.NextIntent": ["next", "skip", "next one"],
    "AMAZON.StartOverIntent": ["start over", "restart", "start again", "begin again"],
    "AMAZON.NavigateHomeIntent": ["go home", "home", "go back home"],
    "AMAZON.PauseIntent": ["pause"],
    "AMAZON.ResumeIntent": ["resume", "continue"],
    "AMAZON.PreviousIntent": ["previous", "go back", "back"],
}
