using FutReindexOperator.Testing.HapiSimulator.Recording;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Recording;

public sealed class RequestRecorderTests
{
    [Test]
    public void Add_BeyondCapacity_DropsTheOldest()
    {
        var recorder = new RequestRecorder(2);

        for (var index = 0; index < 3; index++)
        {
            recorder.Add(Request(recorder.NextSequence()));
        }

        recorder.List().Select(request => request.Sequence).Should().Equal(2, 3);
    }

    [Test]
    public void Clear_ForgetsEverythingButKeepsCounting()
    {
        var recorder = new RequestRecorder(10);
        recorder.Add(Request(recorder.NextSequence()));

        recorder.Clear();
        recorder.Add(Request(recorder.NextSequence()));

        recorder.List().Single().Sequence.Should().Be(2);
    }

    private static RecordedRequest Request(long sequence) =>
        new(sequence, DateTimeOffset.UnixEpoch, "organization", "GET", "/organization/fhir/$hapi.fhir.reindex-status?_jobId=x", new Dictionary<string, string>(), "", 202, null);
}
