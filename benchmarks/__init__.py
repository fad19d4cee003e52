"""Scripts that measure scaleready's speed and scale; see README.md in this folder."""
