"""`opendata serve`: the portal over one home, served by uvicorn."""

from __future__ import annotations

from pathlib import Path

from pipelines.errors import InputError
from pipelines.home import Home


def serve_command(home: Path | None, host: str, port: int, catalog: Path = Path("catalog_specs")) -> int:
    """Serve the portal until interrupted (the uvicorn access log is off: it would record client addresses).

    `catalog` is the catalog specs folder: it names the department that answers an objection.
    """
    import uvicorn

    from pipelines.portal.app import create_app

    if not 0 < port < 65536:
        raise InputError(f"--port {port} is not a TCP port; give 1-65535")
    h = Home.resolve(home)
    app = create_app(h, catalog)
    print(f"portal: http://{host}:{port}/ serving {h.root}", flush=True)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False)
    return 0
