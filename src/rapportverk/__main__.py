from rapportverk.cli import main

main()
