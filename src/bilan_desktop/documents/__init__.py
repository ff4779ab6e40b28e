"""PDF documents built with reportlab, in memory (bytes). No Qt here, and never a file written by this layer."""
