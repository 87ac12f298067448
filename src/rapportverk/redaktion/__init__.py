"""Redaktörernas väg tillbaka: text som ändrats i DOCX-filer förs in i textblocken (`rapport hamta`)."""
