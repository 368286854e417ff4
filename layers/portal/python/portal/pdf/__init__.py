"""PDF rendering (fpdf2) with a Unicode font shipped in the layer.

fpdf2 is not in the layer: only the Lambda that renders lists it in its own requirements.txt, and
:mod:`portal.pdf.document` imports it inside the function that renders, so every other endpoint
(and the OpenAPI function, which imports all routers) stays free of it.
"""
