"""Entry point for a Hugging Face Space or `python app.py`: launches assistant.web."""

from assistant.web import serve

if __name__ == "__main__":
    serve()
