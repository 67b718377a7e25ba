"""AWS Lambda entry point for the Facial Spasm Guide Alexa skill."""

from facial_spasm_guide.alexa.entry import handle_event


def lambda_handler(event, context):
    return handle_event(event, context)
