namespace NasPipeline.ArchitectureData.Importing;

/// <summary>Importers by format name (<c>nb101</c>, <c>nb201</c>, <c>nb301</c>, <c>transnas-micro</c>, ..., and each built-in search space's name).</summary>
public sealed class ImporterRegistry
{
    private readonly Dictionary<string, IArchitectureImporter> _importers = new(StringComparer.OrdinalIgnoreCase);

    public ImporterRegistry(IEnumerable<IArchitectureImporter> importers)
    {
        foreach (var importer in importers)
        {
            if (!_importers.TryAdd(importer.Format, importer))
            {
                throw new ArgumentException($"Two importers for format '{importer.Format}'.", nameof(importers));
            }
        }
    }

    public static ImporterRegistry Default { get; } = new(
    [
        new Nb101Importer(),
        new Nb201Importer(),
        new Nb301Importer(),
        new TransNasImporter(micro: true),
        new TransNasImporter(micro: false),
        new NasBenchMacroImporter(),
        new OnnxFolderImporter(),
        .. SearchSpacePointImporters(SearchSpaces.SearchSpaceRegistry.CreateDefault()),
    ]);

    public IReadOnlyCollection<string> Formats => _importers.Keys;

    public IArchitectureImporter Get(string format) =>
        _importers.TryGetValue(format, out var importer)
            ? importer
            : throw new ArchitectureDataException($"Unknown architecture format '{format}'; known: {string.Join(", ", _importers.Keys.Order())}.");

    private static IEnumerable<IArchitectureImporter> SearchSpacePointImporters(SearchSpaces.SearchSpaceRegistry spaces) =>
        spaces.Names.Order(StringComparer.Ordinal).Select(name => new SearchSpacePointImporter(spaces.Get(name)));
}
