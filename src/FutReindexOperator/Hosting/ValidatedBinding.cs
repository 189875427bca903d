using Microsoft.Extensions.Options;

namespace FutReindexOperator.Hosting;

/// <summary>Binds options so that a value of the wrong type is a validation failure naming its key, like any other invalid value.</summary>
internal static class ValidatedBinding
{
    /// <summary>
    /// Binds <paramref name="section"/> to the options; a value that cannot be converted (the binder's
    /// <see cref="InvalidOperationException"/>) becomes an <see cref="OptionsValidationException"/> whose message names
    /// the key and says what is expected, which the host reports as invalid configuration (exit code 1).
    /// </summary>
    public static OptionsBuilder<TOptions> BindValidated<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration section)
        where TOptions : class
    {
        DurationConverter.Register();
        return builder.Configure(options =>
        {
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException exception)
            {
                var cause = exception.InnerException is { } inner ? $" {inner.Message}" : "";
                throw new OptionsValidationException(builder.Name, typeof(TOptions), [exception.Message + cause]);
            }
        });
    }
}
