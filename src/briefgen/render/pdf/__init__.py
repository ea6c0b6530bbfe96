"""The PDF renderer: a reportlab story of flowables from the Brief, then the written document."""
