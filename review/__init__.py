"""The review web app: claims in context, keyboard decisions, exports."""
