using NasPipeline.Cli.CommandLine;

return await NaspCommandLine.RunAsync(args);
