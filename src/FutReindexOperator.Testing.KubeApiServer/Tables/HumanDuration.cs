namespace FutReindexOperator.Testing.KubeApiServer.Tables;

/// <summary>Ages as kubectl prints them (<c>5s</c>, <c>3m20s</c>, <c>2d5h</c>), like apimachinery's HumanDuration.</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        var seconds = (long)Math.Max(0, age.TotalSeconds);
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        return (seconds, minutes, hours, days) switch
        {
            _ when seconds < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 192 => hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h",
            _ when days < 730 => $"{days}d",
            _ => $"{days / 365}y{days % 365}d",
        };
    }
}
