using OpenQA.Selenium.Chrome;

namespace NasPipeline.Tests.Dashboard;

/// <summary>
/// Debian's Chromium driven through Debian's chromedriver (scripts/servers.sh installs both): both paths are given, so
/// Selenium never tries to download a browser or a driver.
/// </summary>
public static class HeadlessChromium
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start()
    {
        foreach (var path in new[] { Browser, Driver })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing: install Debian's chromium and chromium-driver (scripts/servers.sh start does).");
            }
        }

        var options = new ChromeOptions { BinaryLocation = Browser };
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1800");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
    }
}
