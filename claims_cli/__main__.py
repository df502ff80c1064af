from claims_cli.main import cli

cli()
