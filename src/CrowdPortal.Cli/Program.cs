Console.Error.WriteLine("crowdportal: not implemented yet");
return 2;
