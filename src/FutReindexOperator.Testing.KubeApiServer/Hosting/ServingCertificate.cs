using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

/// <summary>
/// The self-signed certificate of the HTTPS listener, made at start for <c>127.0.0.1</c> and <c>localhost</c>; kubeconfigs
/// carry it as <c>certificate-authority-data</c>. HTTPS exists because kubectl (client-go) sends credentials and
/// impersonation headers only over TLS: over plain http every kubectl request would be anonymous.
/// </summary>
internal static class ServingCertificate
{
    public static X509Certificate2 Create(TimeProvider timeProvider)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-api-test-server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = timeProvider.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        // Kestrel needs a certificate whose private key it can use for TLS; a PFX round trip gives one on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The certificate in PEM, base64 again, as kubeconfig's <c>certificate-authority-data</c> wants it.</summary>
    public static string AuthorityData(X509Certificate2 certificate) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
}
