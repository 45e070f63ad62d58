"""RawItem -> Article or a named rejection: fetching, extraction, cleaning, storing."""
