"""Where items come from: feeds, web pages, files."""
