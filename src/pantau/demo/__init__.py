"""The bundled demo corpus and the demo job."""
