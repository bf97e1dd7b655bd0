"""The local web catalog (`mlassets serve`): search with facets, asset and dataset pages with
the lineage drawn as SVG, the audit, and a read-only JSON API with an OpenAPI document.

Starlette on uvicorn, Jinja2 templates, markdown-it-py and nh3 for card text: the `serve` extra,
imported only by `create_app`'s module (app.py), never by the rest of mlassets. The pages run
no script and load nothing from elsewhere (the stylesheet is in the package), so they work
offline; card text is untrusted and sanitised (render.py).
"""
