from icp_objectives.cli import main

main()
