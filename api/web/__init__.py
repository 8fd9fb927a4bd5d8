"""The web layer: server-rendered pages (jinja2 templates under ``api/templates``) and their helpers.

Python here only gathers data from services and picks a template; HTML comes from templates.
"""
