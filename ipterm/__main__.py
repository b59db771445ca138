from ipterm.cli import console_main

console_main()
