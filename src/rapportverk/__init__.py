"""rapportverk: uppföljningsrapporter från huvudbok till DOCX och PDF."""

__version__ = "0.1.0"
