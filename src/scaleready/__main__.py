from scaleready.cli import main

raise SystemExit(main())
