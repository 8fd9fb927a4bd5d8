"""The floor of any Python HTTP service here: FastAPI returning a fixed SPARQL JSON document.

Served by uvicorn exactly as ``tifa serve`` serves tifa (same log level), so the
comparison measures what tifa adds on top of the HTTP layer.
"""

from __future__ import annotations

import argparse

from fastapi import FastAPI

FIXED = {"head": {"vars": ["t"]},
         "results": {"bindings": [{"t": {"type": "uri", "value": "https://w3id.org/tifa/term/qiyou"}}]}}

app = FastAPI()


@app.get("/sparql")
async def fixed() -> dict[str, object]:
    """Always the same one-row result."""
    return FIXED


if __name__ == "__main__":
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="info")
