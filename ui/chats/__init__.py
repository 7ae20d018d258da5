"""The chats section of the desktop app."""
