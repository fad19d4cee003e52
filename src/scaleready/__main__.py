from scaleready.cli.commands import main

raise SystemExit(main())
