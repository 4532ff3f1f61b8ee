"""The meetgraph HTTP service: ``service.app.create_app(settings)``, ``service.server.serve``.

It reads the built graph only through ``kg.store`` and never imports the extraction code.
"""
