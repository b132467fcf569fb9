using System.Net;
using System.Net.Sockets;
using NasPipeline.Contracts.Events;
using NasPipeline.RunResults.Folding;
using NasPipeline.SearchSpaces;
using NasPipeline.Tests.Cli;
using NasPipeline.Tests.Infrastructure;
using NasPipeline.Tests.Predict;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace NasPipeline.Tests.Dashboard;

/// <summary>`nasp dashboard` in a real headless Chromium, on a run completed by every stage of `nasp submit`.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DashboardBrowserTests(PipelineFixture fixture)
{
    private static readonly SearchSpaceRegistry Spaces = SearchSpaceRegistry.CreateDefault();

    [Fact]
    public async Task A_completed_run_shows_its_front_points_predictors_candidates_and_live_events_with_nothing_from_another_host()
    {
        var task = $"dash-{Guid.NewGuid():N}"[..20];
        await new PredictTestKit(fixture).RegisterGnnAsync(task);
        var space = Spaces.Get("mbv3-28");
        var submit = await NaspCli.RunAsync(NaspCli.Embedded(fixture), "submit", "--point", $"{space.Name}:{string.Join(',', space.Smallest)}",
            "--tasks", task, "--population", "8", "--generations", "3", "--seed", "4", "--wait", "--timeout", "150");
        Assert.True(submit.ExitCode == 0, submit.Output);
        var runId = Guid.Parse(NaspCli.RunIdOf(submit.Output));
        var events = await fixture.Reader.EventsAsync(runId);
        var front = events.Select(e => e.Data).OfType<SearchCompleted>().Single().Front;
        var result = RunResultFold.Of(runId, events.Select(e => e.Data), Spaces);
        Assert.True(front.Count >= 2, $"a front of {front.Count} tests little");
        Assert.Equal(front.Count, result.Front.Count);

        var url = $"http://127.0.0.1:{FreePort()}";
        await using var dashboard = ChildProcess.StartDll(RepoPaths.CliDll, fixture.Environment, "dashboard", "--urls", url);
        await dashboard.WaitForOutputAsync("dashboard on", TimeSpan.FromSeconds(60));
        using var browser = HeadlessChromium.Start();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));

        browser.Navigate().GoToUrl(url + "/");
        browser.FindElement(By.CssSelector($"a.run[href='/runs/{runId}']")).Click();
        wait.Until(b => b.FindElements(By.CssSelector("svg.front-plot")).Count == 1);

        var points = browser.FindElements(By.CssSelector("svg.front-plot g.panel .front-point"));
        Assert.Equal(front.Count, points.Count);
        Assert.Equal(front.Select(f => f.Candidate.Name).Order(), points.Select(p => p.GetAttribute("data-candidate")).Order());
        Assert.All(points, p => Assert.Contains("predicted", p.GetAttribute("class"), StringComparison.Ordinal));
        Assert.NotEmpty(browser.FindElements(By.CssSelector("svg.front-plot .generation-point")));

        var predictors = browser.FindElements(By.CssSelector("#predictors tbody tr"));
        Assert.Equal(events.Count(e => e.Data is AdapterTrained), predictors.Count);
        Assert.Contains(task, predictors[0].Text, StringComparison.Ordinal);

        var candidates = browser.FindElements(By.CssSelector("#candidates tbody tr"));
        Assert.Equal(result.Candidates.Count, candidates.Count);
        var scoreHeader = browser.FindElements(By.CssSelector("#candidates th")).Single(h => h.Text == task);
        scoreHeader.Click();
        scoreHeader.Click();
        var sorted = browser.FindElements(By.CssSelector("#candidates tbody tr td:nth-child(4)")).Select(c => double.Parse(c.GetAttribute("data-sort")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sorted.OrderDescending(), sorted);

        // The README's screenshot comes from here (copied to docs/images/dashboard-run.png).
        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, ".local"));
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(RepoPaths.Root, ".local", "dashboard-run.png"));

        Assert.Equal(events.Count, browser.FindElements(By.CssSelector("#event-table tbody tr")).Count);
        await fixture.Writer.AppendAsync(runId, [new RunFailed(runId, "dashboard-test", "appended by the test, to be seen arriving live", DateTimeOffset.UtcNow)]);
        wait.Until(b => b.FindElements(By.CssSelector("#event-table tbody tr")).Count == events.Count + 1);
        Assert.Contains("RunFailed", browser.FindElements(By.CssSelector("#event-table tbody tr")).Last().Text, StringComparison.Ordinal);

        var resources = (IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript(
            "return performance.getEntriesByType('resource').map(r => r.name);")!;
        Assert.NotEmpty(resources);
        Assert.All(resources.Cast<string>(), r => Assert.StartsWith(url + "/", r, StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
