using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace NotebookAnalysis.Tests.Architecture;

/// <summary>
/// Which namespace of the project depends on which, read two ways: from compiled code (every type a type's signatures,
/// attributes and method bodies name, through the IL's metadata tokens) and from the sources' <c>using</c> directives.
/// Compiler-generated types (lambdas, iterators, async state machines) count for the type that declares them.
/// </summary>
public sealed class DependencyGraph
{
    private const string Root = "NotebookAnalysis";
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    /// <summary>Edges from namespace to namespace, each with one example of why (the first found).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    /// <summary>Adds the edge <paramref name="from"/> → <paramref name="to"/> unless it is a self-edge or leaves the project.</summary>
    public void Add(string from, string to, string why)
    {
        if (from == to || !IsProject(from) || !IsProject(to)) return;
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
        targets.TryAdd(to, why);
    }

    private static bool IsProject(string ns) => ns.StartsWith(Root + ".", StringComparison.Ordinal) && !ns.StartsWith(Root + ".Tests", StringComparison.Ordinal);

    /// <summary>The dependency cycles: strongly connected components of two or more namespaces, each with its edges.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var nodes = _edges.Keys.Concat(_edges.Values.SelectMany(t => t.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        int counter = 0;
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.TryGetValue(v, out var t) ? t.Keys.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) components.Add(component);
        }
        foreach (var n in nodes)
            if (!index.ContainsKey(n)) Visit(n);
        return components.Select(c =>
        {
            var set = c.ToHashSet();
            var inside = c.Order(StringComparer.Ordinal).SelectMany(from => _edges[from].Where(e => set.Contains(e.Key))
                .Select(e => $"{from} → {e.Key} ({e.Value})"));
            return $"[{string.Join(", ", c.Order(StringComparer.Ordinal))}]: {string.Join("; ", inside)}";
        }).ToList();
    }

    /// <summary>Adds every dependency that the compiled <paramref name="assembly"/> has on the project's namespaces.</summary>
    public void AddCompiled(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (owner.Namespace is not { } from) continue;
            void Use(Type? t, string how)
            {
                foreach (var used in Flatten(t))
                    if (used.Namespace is { } to) Add(from, to, $"{owner.Name} {how} {used.Name}");
            }
            Use(type.BaseType, "derives from");
            foreach (var i in type.GetInterfaces()) Use(i, "implements");
            foreach (var a in type.GetCustomAttributesData()) Use(a.AttributeType, "has attribute");
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var f in type.GetFields(all)) Use(f.FieldType, "has a field of");
            foreach (var p in type.GetProperties(all)) Use(p.PropertyType, "has a property of");
            foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (m is MethodInfo mi) Use(mi.ReturnType, "returns");
                foreach (var p in m.GetParameters()) Use(p.ParameterType, "takes");
                foreach (var used in BodyReferences(m)) Use(used, "uses");
            }
        }
    }

    /// <summary>Adds the edges that the <c>using</c> directives of the C# files under <paramref name="folder"/> declare.</summary>
    public void AddUsings(string folder)
    {
        var ns = new Regex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline);
        var usingDirective = new Regex(@"^using\s+(static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline);
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            if (ns.Match(text) is not { Success: true } m) continue;
            foreach (Match u in usingDirective.Matches(text))
            {
                string name = u.Groups[2].Value;
                // "using static A.B.Type;" and "using X = A.B.Type;" name a type: its namespace is what the file depends on.
                bool namesType = u.Groups[1].Success || u.Value.Contains('=');
                string target = namesType && name.LastIndexOf('.') is > 0 and var dot ? name[..dot] : name;
                Add(m.Groups[1].Value, target, $"{Path.GetFileName(file)} has '{u.Value.TrimEnd(';')}'");
            }
        }
    }

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType is { } d) t = d;
        return t;
    }

    private static IEnumerable<Type> Flatten(Type? t)
    {
        if (t is null) yield break;
        if (t.HasElementType) { foreach (var e in Flatten(t.GetElementType())) yield return e; yield break; }
        if (t.IsGenericParameter) yield break;
        yield return Outermost(t.IsGenericType ? t.GetGenericTypeDefinition() : t);
        if (t.IsGenericType)
            foreach (var a in t.GetGenericArguments())
                foreach (var e in Flatten(a)) yield return e;
    }

    // One-byte and two-byte opcodes by value, to walk IL instruction by instruction.
    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types that the IL of <paramref name="method"/> names: called members' declaring types, fields, types, tokens.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { yield break; }
        if (il is null) yield break;
        var module = method.Module;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, i);
                    Type? found = null;
                    try
                    {
                        found = module.ResolveMember(token, typeArgs, methodArgs) switch
                        {
                            Type t => t,
                            FieldInfo f => f.DeclaringType,
                            MethodBase m => m.DeclaringType,
                            _ => null,
                        };
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException) { }
                    if (found is not null) yield return found;
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: i += 8; break;
                default: i += 4; break;
            }
        }
    }
}
