"""The baseline for `make bench`: a bare ASK SDK skill with one handler, nothing else."""

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder


class AnyRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        builder = handler_input.response_builder
        return builder.speak("Hello from the bare skill.").ask("Anything else?").response


skill_builder = SkillBuilder()
skill_builder.add_request_handler(AnyRequestHandler())
lambda_handler = skill_builder.lambda_handler()
