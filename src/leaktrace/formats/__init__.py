"""Real documents: reading DOCX, PDF, HTML, e-mail and pictures in, writing DOCX, PDF and HTML out.

The text engine works on plain text. Each module here converts between one outside form and that
text, and keeps whatever the engine must not touch (styles, tables, headers) where it was.
"""
