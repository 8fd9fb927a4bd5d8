"""HTTP routers, one module per area; ``api.app`` includes them in this order."""

ROUTER_MODULES = (
    "api.routers.health",
    "api.routers.sparql",
    "api.routers.terms",
    "api.routers.editors",
    "api.routers.writes",
    "api.routers.exports",
    "api.routers.extract",
    "api.routers.pages",
)
