"""Services: the work behind the routers (routers → services → store)."""
