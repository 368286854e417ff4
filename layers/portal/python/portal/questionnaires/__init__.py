"""Questionnaires: templates staff send to clients, filled in page by page, completed into a PDF.

schema (what a template is), checks and answers (what an answer must be), templates (versions),
staff (sending, listing, reading answers), filling (Acties, pages, result), completion (the PDF,
filed in the dossier), display and printing (answers as people read them).
"""
