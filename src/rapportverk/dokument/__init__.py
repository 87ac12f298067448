"""Dokument: layoutmall + textblock + beräknade tabeller → en dokumentmodell."""
