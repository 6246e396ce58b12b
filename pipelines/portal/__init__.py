"""The portal (开放平台): a FastAPI app over one home, read-only on releases. Start it with `opendata serve`."""
