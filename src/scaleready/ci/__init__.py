"""``scaleready score`` as CI runs it: gates, baselines, GitHub integration, history."""

__all__: list[str] = []
