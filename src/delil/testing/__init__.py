"""Helpers for tests and demo cases: files with known text, hostile files, sample texts.

- :mod:`delil.testing.samples`: fictional paragraphs in English, Chinese and Uyghur (Arabic,
  Latin and Cyrillic scripts).
- :mod:`delil.testing.writers`: ``write_pdf``, ``write_docx``, ``write_eml``... files whose text
  is known, made at run time.
- :mod:`delil.testing.hostile`: zip bombs, XXE documents, pixel bombs... and benign look-alikes.
- :mod:`delil.testing.recall`: word and character recall of known text in extracted text.

Nothing here is imported by the application at run time; PDF writing needs the test
dependencies WeasyPrint and pypdf.
"""
