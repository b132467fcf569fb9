namespace NasPipeline.Search.Mutation;

/// <summary>Disjoint sets over 0..n-1 with path halving; the smaller index becomes the root so results do not
/// depend on the order of unions.</summary>
internal sealed class UnionFind
{
    private readonly List<int> _parent = [];

    public int Add()
    {
        _parent.Add(_parent.Count);
        return _parent.Count - 1;
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    public void Union(int a, int b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
