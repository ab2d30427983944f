/* main.c: the entry point; everything else is in the library. */
#include "config.h"

#include "cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
