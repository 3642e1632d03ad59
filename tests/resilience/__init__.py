"""Failure tests: PostgreSQL, Redis, the search engine and the task worker fail, the system stays
consistent and recovers. Server-side tests start their own throwaway PostgreSQL cluster, Redis,
production server (uvicorn) and db_worker processes on free loopback ports (never the machine's
own services)."""
