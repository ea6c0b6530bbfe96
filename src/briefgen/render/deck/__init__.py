"""The PowerPoint renderer: plan every slide in pure Python, then write it with python-pptx."""
