from axiscli.cli import main

main()
