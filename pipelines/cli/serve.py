"""`opendata serve`: the portal over one home, served by uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.core.errors import InputError
from pipelines.core.home import Home


HOME_ENV = "OPENDATA_PORTAL_HOME"  # read by pipelines.portal.app.app_from_env
CATALOG_ENV = "OPENDATA_PORTAL_CATALOG"


def serve_command(home: Path | None, host: str, port: int, catalog: Path = Path("catalog_specs")) -> int:
    """Serve the portal until interrupted (the uvicorn access log is off: it would record client addresses).

    `catalog` is the catalog specs folder: it names the department that answers an objection.
    """
    import uvicorn

    if not 0 < port < 65536:
        raise InputError(f"--port {port} is not a TCP port; give 1-65535")
    h = Home.resolve(home)
    # The CLI and the portal are sibling interfaces: uvicorn builds the app from its import string (the
    # portal's factory reads these two settings), so the CLI never imports the portal package.
    os.environ[HOME_ENV], os.environ[CATALOG_ENV] = str(h.root), str(catalog)
    print(f"portal: http://{host}:{port}/ serving {h.root}", flush=True)
    uvicorn.run("pipelines.portal.app:app_from_env", factory=True, host=host, port=port, access_log=False, log_level="warning", server_header=False)
    return 0
