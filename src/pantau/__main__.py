from pantau.cli.main import app

app()
