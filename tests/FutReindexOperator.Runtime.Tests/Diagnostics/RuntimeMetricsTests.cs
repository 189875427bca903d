using FutReindexOperator.Runtime.Diagnostics;
using FutReindexOperator.Runtime.Tests.Support;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Diagnostics;

public sealed class RuntimeMetricsTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task Registry_New_CarriesProcessAndDotnetRuntimeFamilies(CancellationToken cancellationToken)
    {
        var metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());

        var text = await Metric.ScrapeAsync(metrics.Registry, cancellationToken);

        text.Should().Contain("\nprocess_cpu_seconds_total ")
            .And.Contain("\nprocess_working_set_bytes ")
            .And.Contain("\nprocess_start_time_seconds ")
            .And.Contain("\ndotnet_total_memory_bytes ")
            .And.Contain("dotnet_collection_count_total{generation=\"0\"}");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task InitializeController_BeforeAnyReconcile_PublishesEveryKnownSeriesAtZero(CancellationToken cancellationToken)
    {
        var metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());

        metrics.InitializeController("widget");
        var text = await Metric.ScrapeAsync(metrics.Registry, cancellationToken);

        Metric.Value(text, "controller_runtime_reconcile_errors_total{controller=\"widget\"}").Should().Be(0);
        Metric.Value(text, "controller_runtime_terminal_reconcile_errors_total{controller=\"widget\"}").Should().Be(0);
        foreach (var result in ReconcileResultLabel.All)
        {
            Metric.Value(text, $"controller_runtime_reconcile_total{{controller=\"widget\",result=\"{result}\"}}").Should().Be(0);
        }

        Metric.Value(text, "workqueue_depth{name=\"widget\"}").Should().Be(0);
        Metric.Value(text, "workqueue_retries_total{name=\"widget\"}").Should().Be(0);
        Metric.Value(text, "workqueue_unfinished_work_seconds{name=\"widget\"}").Should().Be(0);
        Metric.Value(text, "workqueue_longest_running_processor_seconds{name=\"widget\"}").Should().Be(0);
    }
}
