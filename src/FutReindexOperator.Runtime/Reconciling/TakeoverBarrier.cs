namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Holds back, for a replica that has just taken over leadership, each key whose cached copy is older than what the API
/// server held at the takeover, until the cache shows what the server held: so that no decision of the new term is made
/// on data older than the server's at its start (a standby's warm cache may still lag the old leader's last writes).
/// </summary>
/// <remarks>
/// <para>A takeover goes in three steps (<see cref="Hosting.TakeoverCheck{TResource}"/>):</para>
/// <list type="number">
/// <item><see cref="Begin"/>: from now on every version the cache takes is recorded (<see cref="Saw"/>), then the
/// versions the cache holds are recorded too.</item>
/// <item>A consistent LIST (no resourceVersion: the API server answers from its latest state).</item>
/// <item><see cref="Arm"/>: a key is held when the cache has not shown, since <see cref="Begin"/>, what the list shows
/// (the listed version, or no object for a key the list does not have). A watch delivers every change in order, so a
/// cache that has shown the listed version shows it or a later one; no ordering of resourceVersions is assumed (they are
/// opaque strings), and a version that is neither the cached nor the listed one (an intermediate write) keeps holding.
/// </item>
/// </list>
/// <para>A held key is released when the cache shows the listed version, when the object is gone from the cache, when a
/// watcher's own list of the key's scope, sent after <see cref="Begin"/>, is in the cache (<see cref="ListSending"/>,
/// <see cref="Relisted"/>: that list is a consistent read too, made after the takeover began, so the cache then holds
/// nothing older than the server did at the takeover, even where it shows a version later than the one listed, as after
/// a 410), or at the latest <see cref="Expiry"/> after <see cref="Begin"/>, so nothing is held for good. A key the cache
/// does not have yet is held until the watch brings it at the listed version; until then the loop has nothing of it to
/// reconcile anyway.</para>
/// In memory, one per controller, cleared at the end of each term (<see cref="Clear"/>). Thread-safe.
/// </remarks>
internal sealed class TakeoverBarrier(TimeProvider time)
{
    /// <summary>The longest a key is held after a takeover began, as the product's own stale-copy check waits (5 minutes).</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    // What the cache shows for an object it does not have (never a resourceVersion: those are never empty).
    private const string Gone = "";

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, string> _held = [];

    // The scopes (null: every namespace) a watcher relisted while the takeover recorded, before Arm.
    private readonly List<string?> _relistedWhileRecording = [];
    private Dictionary<ObjectKey, HashSet<string>>? _seen;
    private DateTimeOffset _until = DateTimeOffset.MinValue;

    // Orders the watchers' lists against the term's start: a list whose ticket is above _begun was sent after Begin.
    private long _tickets;
    private long _begun = long.MaxValue;

    /// <summary>The number of keys held now (expired ones included until they are next asked about).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// Starts a takeover: records every later <see cref="Saw"/>, then what <paramref name="cached"/> reads from the cache
    /// (each cached key and its version). The cache is read once recording has started, so that no change falls between
    /// the two.
    /// </summary>
    public void Begin(Func<IEnumerable<(ObjectKey Key, string? ResourceVersion)>> cached)
    {
        ArgumentNullException.ThrowIfNull(cached);
        lock (_gate)
        {
            _held.Clear();
            _relistedWhileRecording.Clear();
            _until = time.GetUtcNow() + Expiry;
            _begun = ++_tickets;
            _seen = [];
            foreach (var (key, version) in cached())
            {
                if (!_seen.TryGetValue(key, out var versions))
                {
                    _seen[key] = versions = new HashSet<string>(StringComparer.Ordinal);
                }

                versions.Add(version ?? Gone);
            }
        }
    }

    /// <summary>
    /// Tells the barrier the cache now shows <paramref name="key"/> at <paramref name="resourceVersion"/> (null: the
    /// object is gone from the cache). Call after the cache has the change. True when this released a held key (queue it
    /// again: the change may be one that queues nothing by itself, such as a status-only update).
    /// </summary>
    public bool Saw(ObjectKey key, string? resourceVersion)
    {
        lock (_gate)
        {
            if (_seen is not null)
            {
                Record(key, resourceVersion);
                return false;
            }

            if (_held.TryGetValue(key, out var listed) && (resourceVersion is null || resourceVersion == listed))
            {
                _held.Remove(key);
                return true;
            }

            return false;
        }
    }

    /// <summary>
    /// Ends the recording with the consistent list's <paramref name="listed"/> objects (every watched scope) and holds
    /// every key whose listed state the cache has not shown since <see cref="Begin"/>; returns how many are held.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Begin"/> was not called in this term.</exception>
    public int Arm(IEnumerable<(ObjectKey Key, string? ResourceVersion)> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        lock (_gate)
        {
            var seen = _seen ?? throw new InvalidOperationException("A takeover is armed only after it began.");
            _seen = null;
            var relisted = _relistedWhileRecording.ToList();
            _relistedWhileRecording.Clear();
            var notListed = new HashSet<ObjectKey>(seen.Keys);
            foreach (var (key, version) in listed)
            {
                notListed.Remove(key);
                var target = version ?? Gone;
                if ((!seen.TryGetValue(key, out var versions) || !versions.Contains(target)) && !InAny(relisted, key))
                {
                    _held[key] = target;
                }
            }

            foreach (var key in notListed.Where(key => !seen[key].Contains(Gone) && !InAny(relisted, key)))
            {
                _held[key] = Gone;
            }

            return _held.Count;
        }
    }

    /// <summary>
    /// Called by a watcher just before it sends a list of its scope; pass the ticket to <see cref="Relisted"/> once the
    /// list is in the cache.
    /// </summary>
    public long ListSending()
    {
        lock (_gate)
        {
            return ++_tickets;
        }
    }

    /// <summary>
    /// A watcher's list of <paramref name="scopeNamespace"/> (null: every namespace), sent with <paramref name="ticket"/>,
    /// is in the cache. When it was sent after <see cref="Begin"/>, every key of that scope is released: returns the keys
    /// this released (queue them again: the list changed nothing for some of them, so nothing else queues them).
    /// </summary>
    public IReadOnlyList<ObjectKey> Relisted(string? scopeNamespace, long ticket)
    {
        lock (_gate)
        {
            if (ticket <= _begun)
            {
                return [];
            }

            if (_seen is not null)
            {
                _relistedWhileRecording.Add(scopeNamespace);
                return [];
            }

            var released = _held.Keys.Where(key => InScope(scopeNamespace, key)).ToList();
            foreach (var key in released)
            {
                _held.Remove(key);
            }

            return released;
        }
    }

    /// <summary>
    /// True while <paramref name="key"/> is held, with the time left until the expiry releases it. A key whose expiry
    /// has passed is released here, and <paramref name="expired"/> says so (once per key).
    /// </summary>
    public bool Holds(ObjectKey key, out TimeSpan remaining, out bool expired)
    {
        lock (_gate)
        {
            remaining = TimeSpan.Zero;
            expired = false;
            if (!_held.ContainsKey(key))
            {
                return false;
            }

            var left = _until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                _held.Remove(key);
                expired = true;
                return false;
            }

            remaining = left;
            return true;
        }
    }

    /// <summary>Ends the term: nothing is recorded or held any more.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _seen = null;
            _held.Clear();
            _relistedWhileRecording.Clear();
            _begun = long.MaxValue;
        }
    }

    private static bool InScope(string? scopeNamespace, ObjectKey key) => scopeNamespace is null || key.Namespace == scopeNamespace;

    private static bool InAny(List<string?> scopes, ObjectKey key) => scopes.Any(scope => InScope(scope, key));

    private void Record(ObjectKey key, string? version)
    {
        if (!_seen!.TryGetValue(key, out var versions))
        {
            // Not in the cache when the takeover began: it showed no object then (the cache is read under the gate, so
            // a key it had is already recorded).
            _seen[key] = versions = new HashSet<string>(StringComparer.Ordinal) { Gone };
        }

        versions.Add(version ?? Gone);
    }
}
